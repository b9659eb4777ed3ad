"""kzct: query the Chinese Wikipedia article on terrorism and counter-terrorism in Kazakhstan."""

__version__ = "0.1.0"
