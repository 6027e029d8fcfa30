import ArgumentParser
import Foundation

/// `plaidlua completion bash|zsh|fish`: a completion script for the shell. Subcommands and
/// their options come from the commands themselves (each one's help), script and profile names
/// from `plaidlua scripts --names` and `plaidlua profiles list --names` when the user presses Tab.
enum CompletionCommand {
    static func run(arguments: [String]) -> Int32 {
        switch arguments {
        case ["bash"]: print(bash)
        case ["zsh"]: print(zsh)
        case ["fish"]: print(fish)
        case ["--help"]:
            print("""
                usage: plaidlua completion bash|zsh|fish
                Prints a completion script for the shell: subcommands, options, script names after 'run',
                profile names after --profile.
                Example (bash):
                  mkdir -p ~/.local/share/bash-completion/completions
                  plaidlua completion bash > ~/.local/share/bash-completion/completions/plaidlua
                """)
        default:
            printError("plaidlua completion: give bash, zsh or fish (see 'plaidlua completion --help')")
            return 2
        }
        return 0
    }

    /// A word after which something else is completed: its options and its own subcommands.
    struct Level {
        let name: String
        let options: [String]
        let subcommands: [String]
    }

    static let topOptions = ["-e", "-i", "-l", "-v", "-E", "-W", "--safe", "--profile", "--timeout", "--memory-limit",
                             "--help", "--version"]
    static let subcommands = GlobalOptions.subcommands

    /// Every `--option` a command's help names, in order.
    static func options(of command: any ParsableCommand.Type) -> [String] {
        let help = command.helpMessage(columns: 10_000)
        var seen = Set<String>()
        return help.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.output) }.filter { seen.insert($0).inserted }
    }

    static var levels: [Level] {
        [
            Level(name: "batch", options: options(of: BatchCommand.self), subcommands: ["merge"]),
            Level(name: "merge", options: options(of: BatchMergeCommand.self), subcommands: []),
            Level(name: "webhooks", options: ["--help"], subcommands: ["listen", "trigger"]),
            Level(name: "listen", options: options(of: WebhooksCommand.Listen.self), subcommands: []),
            Level(name: "trigger", options: options(of: WebhooksCommand.Trigger.self), subcommands: []),
            Level(name: "sandbox", options: ["--help"], subcommands: ["serve", "credentials", "reset", "webhooks", "rotate-webhook-key"]),
            Level(name: "serve", options: options(of: SandboxCommand.Serve.self), subcommands: []),
            Level(name: "credentials", options: options(of: SandboxCommand.Credentials.self), subcommands: []),
            Level(name: "reset", options: options(of: SandboxCommand.Reset.self), subcommands: []),
            Level(name: "rotate-webhook-key", options: options(of: SandboxCommand.RotateWebhookKey.self), subcommands: []),
            Level(name: "profiles", options: ["--help"], subcommands: ["list", "show"]),
            Level(name: "log", options: options(of: LogCommand.self), subcommands: []),
            Level(name: "scripts", options: ["--names", "--help"], subcommands: []),
            Level(name: "help", options: [], subcommands: subcommands),
            Level(name: "completion", options: ["--help"], subcommands: ["bash", "zsh", "fish"]),
            Level(name: "types", options: ["--output", "--help"], subcommands: []),
        ]
    }

    static var bash: String {
        let cases = levels.map { level in
            "        \(level.name)) words=\"\((level.subcommands + level.options).joined(separator: " "))\" ;;"
        }.joined(separator: "\n")
        return """
            # bash completion for plaidlua: eval "$(plaidlua completion bash)"
            _plaidlua() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
                local level="" first="" i
                for ((i = 1; i < COMP_CWORD; i++)); do
                    case "${COMP_WORDS[i]}" in
                        --profile|--timeout|--memory-limit|-e|-l) ((i++)) ;;
                        -*) ;;
                        *) level="${COMP_WORDS[i]}"; [ -z "$first" ] && first="$level" ;;
                    esac
                done
                case "$prev" in
                    --profile) COMPREPLY=($(compgen -W "$(plaidlua profiles list --names 2>/dev/null)" -- "$cur")); return ;;
                    show) if [ "$first" = profiles ]; then COMPREPLY=($(compgen -W "$(plaidlua profiles list --names 2>/dev/null)" -- "$cur")); return; fi ;;
                    run) if [ "$first" = run ]; then COMPREPLY=($(compgen -W "$(plaidlua scripts --names 2>/dev/null)" -- "$cur")); return; fi ;;
                esac
                local words
                case "$level" in
                    "") words="\(subcommands.joined(separator: " ")) \(topOptions.joined(separator: " "))" ;;
            \(cases)
                    *) COMPREPLY=($(compgen -f -- "$cur")); return ;;
                esac
                COMPREPLY=($(compgen -W "$words" -- "$cur"))
                if [ -z "$level" ] && [[ "$cur" != -* ]]; then COMPREPLY+=($(compgen -f -X '!*.lua' -- "$cur")); fi
            }
            complete -o default -o bashdefault -F _plaidlua plaidlua
            """
    }

    static var zsh: String {
        let cases = levels.map { level in
            "        \(level.name)) words=(\((level.subcommands + level.options).joined(separator: " "))) ;;"
        }.joined(separator: "\n")
        return """
            #compdef plaidlua
            # zsh completion for plaidlua: plaidlua completion zsh > "${fpath[1]}/_plaidlua"
            _plaidlua() {
                local -a words_before=(${words[2,CURRENT-1]}) words
                local level="" first="" previous="${words[CURRENT-1]}" skip=0 w
                for w in $words_before; do
                    if (( skip )); then skip=0; continue; fi
                    case "$w" in
                        --profile|--timeout|--memory-limit|-e|-l) skip=1 ;;
                        -*) ;;
                        *) level="$w"; [[ -z "$first" ]] && first="$w" ;;
                    esac
                done
                if [[ "$previous" == --profile || ( "$first" == profiles && "$previous" == show ) ]]; then
                    compadd -- ${(f)"$(plaidlua profiles list --names 2>/dev/null)"}; return
                fi
                if [[ "$first" == run && "$previous" == run ]]; then
                    compadd -- ${(f)"$(plaidlua scripts --names 2>/dev/null)"}; return
                fi
                case "$level" in
                    "") words=(\(subcommands.joined(separator: " ")) \(topOptions.joined(separator: " "))); _files -g '*.lua' ;;
            \(cases)
                    *) _files; return ;;
                esac
                compadd -- $words
            }
            compdef _plaidlua plaidlua 2>/dev/null || _plaidlua "$@"
            """
    }

    static var fish: String {
        var lines = [
            "# fish completion for plaidlua: plaidlua completion fish > ~/.config/fish/completions/plaidlua.fish",
            "complete -c plaidlua -f",
            "complete -c plaidlua -n '__fish_use_subcommand' -a '\(subcommands.joined(separator: " "))'",
            "complete -c plaidlua -n '__fish_use_subcommand' -a '(__fish_complete_suffix .lua)'",
            "complete -c plaidlua -n '__fish_seen_subcommand_from run; and test (count (commandline -opc)) -le 2' -a '(plaidlua scripts --names 2>/dev/null)'",
            "complete -c plaidlua -l profile -x -a '(plaidlua profiles list --names 2>/dev/null)'",
        ]
        for option in topOptions where option.hasPrefix("--") && option != "--profile" {
            lines.append("complete -c plaidlua -n '__fish_use_subcommand' -l \(option.dropFirst(2))")
        }
        for level in levels {
            if !level.subcommands.isEmpty {
                lines.append("complete -c plaidlua -n '__fish_seen_subcommand_from \(level.name)' -a '\(level.subcommands.joined(separator: " "))'")
            }
            for option in level.options {
                lines.append("complete -c plaidlua -n '__fish_seen_subcommand_from \(level.name)' -l \(option.dropFirst(2))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
