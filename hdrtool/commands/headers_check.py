from hdrtool.commands._stub import not_implemented

command = not_implemented("headers_check", "Check an installed header tree (static checks and compile test).", 4)
