"""``python -m tuinews``."""

import sys

from tuinews.cli import main

sys.exit(main())
