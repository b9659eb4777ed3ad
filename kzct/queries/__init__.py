"""The queries layer, kzct as a library: what each command asks of the store, returning records
(``lists``, ``search``, ``records``) and the defects ``kzct check`` finds (``check``)."""
