"""The face: the command line (``cli``), table layouts and cards (``views``, ``layout``), the one
module that writes output and imports Rich (``render``), and shell completion (``complete``,
``shells``). Imports every layer below; nothing imports it."""
