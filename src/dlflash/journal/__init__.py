"""The data folder on disk: journal events, their replay into card states (`history`), the
snapshot and its review table, the store (append, fsync, the lock) and backups. May import
`base`, `sm2` and `deck`."""
