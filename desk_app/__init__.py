"""desk_app core: data model, services, reports and exchange. Never imports Qt."""

__version__ = "0.1.0"
APP_NAME = "desk_app"
APP_TITLE = "专班·例会·整改台账"
