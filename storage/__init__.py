"""The only door to the database: models, sessions, migrations and the queries the bot needs."""
