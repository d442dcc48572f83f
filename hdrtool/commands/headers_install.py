from hdrtool.commands._stub import not_implemented

command = not_implemented("headers_install", "Install sanitized userspace headers (as make headers_install).", 3)
