"""``python -m crisis``."""

import sys

from crisis.cli import main

sys.exit(main())
