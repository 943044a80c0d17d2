"""The built-in plugins. Each is a module registered as an object (see ``_manager``)."""
