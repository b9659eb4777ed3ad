from kzct.cli import main

main()
