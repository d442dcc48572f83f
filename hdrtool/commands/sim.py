from hdrtool.commands._stub import not_implemented

command = not_implemented("sim", "Run page-table simulator scenarios on the Python model with lockdep.", 7)
