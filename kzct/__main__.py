from kzct.face.cli import main

main()
