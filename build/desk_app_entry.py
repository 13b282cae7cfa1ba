"""Entry script of the frozen bundle: the same `desk-app` as the pip-installed console script."""

from ui.launcher import main

if __name__ == "__main__":
    raise SystemExit(main())
