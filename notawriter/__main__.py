from notawriter.cli import run

run()
