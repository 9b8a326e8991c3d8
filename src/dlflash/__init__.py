"""dlflash: a terminal flashcard trainer for deep-learning interviews."""

__version__ = "0.1.0"
