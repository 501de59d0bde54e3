from platform_lint.cli import main

main()
