from notawriter.cli import main

raise SystemExit(main())
