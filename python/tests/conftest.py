# pytester runs inner pytest sessions, to check what a user sees when the server cannot start.
pytest_plugins = ["pytester"]
