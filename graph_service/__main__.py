import sys

from graph_service.cli import main

sys.exit(main())
