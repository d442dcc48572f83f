yes
also
