"""desk_app core: data model, services, reports and exchange. Never imports Qt."""

# The one place the version lives: pyproject.toml, the frozen bundle and the installer read it from here.
__version__ = "0.1.0"
APP_NAME = "desk_app"
APP_TITLE = "专班·例会·整改台账"
