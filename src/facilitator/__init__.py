"""facilitator: facilitate a discussion meetup from the terminal."""

__version__ = "0.1.0"
