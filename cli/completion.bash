# Bash completion for dixit, installed by `make install` as
# share/bash-completion/completions/dixit. It completes the command, the
# options of `dixit extract` (the list of `dixit --help`; tests/install.sh
# checks they agree), the closed values of those that take one, and file
# names elsewhere.

_dixit()
{
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W 'extract text index search stats export serve shard merge --help --version' -- "$cur"))
        return
    fi
    # --opt=value: complete the value after the =
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    fi
    case $prev in
    -f | --output-format) COMPREPLY=($(compgen -W 'jsonl csv' -- "$cur")); return ;;
    --input-format | --format) COMPREPLY=($(compgen -W 'txt jsonl' -- "$cur")); return ;;
    --lang) COMPREPLY=($(compgen -W 'fr en und' -- "$cur")); return ;;
    --encoding) COMPREPLY=($(compgen -W "$(iconv -l 2>/dev/null | tr -d ',/')" -- "$cur")); return ;;
    --show) COMPREPLY=($(compgen -W 'segments features text' -- "$cur")); return ;;
    --type) COMPREPLY=($(compgen -W 'direct mixed indirect direct,mixed mixed,indirect' -- "$cur")); return ;;
    -j | --jobs | --max-doc-bytes | --chunk-size | --min-confidence | --speaker) return ;;
    -o | --output | --entities | --weights | --db | --shard | --out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --parts) return ;;
    --limit | --outlet | --since | --until | --act | --port | --bind | --threads | --query-time) return ;;
    --gender) COMPREPLY=($(compgen -W 'female male unknown' -- "$cur")); return ;;
    --by) COMPREPLY=($(compgen -W 'speaker outlet month gender act lang' -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--output --output-format --input-format --lang --encoding --show --weights
            --entities --bom --beliefs --db --no-text --shard --parts --out --compress --limit --outlet --since --until --act --gender --by --quotebank --port --bind --threads --query-time --max-doc-bytes --chunk-size --min-confidence --type --speaker --follow --jobs
            --quiet --verbose --help --version -o -f -j -L -q -v -h -V' -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -o bashdefault -F _dixit dixit
