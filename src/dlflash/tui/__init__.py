"""The Textual app: a thin shell over the layers below (no domain logic here). The only
part of dlflash that imports Textual or Rich."""
