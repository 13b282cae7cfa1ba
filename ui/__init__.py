"""desk_app's Qt layer. Reaches data only through desk_app.services."""
