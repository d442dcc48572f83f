from hdrtool.cli import main

main()
