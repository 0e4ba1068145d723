"""``python -m pipeline`` runs the giamsat command line."""

from pipeline.cli import main

main()
