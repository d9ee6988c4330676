"""python -m pukara.cli"""

from pukara.cli import main

main()
