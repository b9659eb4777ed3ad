"""kzct: query the Chinese Wikipedia article on terrorism and counter-terrorism in Kazakhstan."""

__version__ = "0.1.0"
# Where kzct is described, as its requests to a wiki name it (Wikimedia's User-Agent policy)
HOME_PAGE = "https://pypi.org/project/kzct/"
