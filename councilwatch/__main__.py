from councilwatch.cli import main

main()
