"""`python -m studio`: the command-line interface."""

import sys

from studio.cli import main

sys.exit(main())
