"""Version 1 of the REST API: one router per flow, all calling the services the web uses."""
