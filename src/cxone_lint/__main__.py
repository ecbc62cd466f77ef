from cxone_lint.cli import main

raise SystemExit(main())
