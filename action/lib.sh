# Sourced by the step scripts.

# "1 error", "2 errors"; "? errors" when the count is unknown.
plural() { if [[ "$1" == "1" ]]; then echo "1 $2"; else echo "${1:-?} $2s"; fi; }
