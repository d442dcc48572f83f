from hdrtool.entry import main

main()
