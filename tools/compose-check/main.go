// compose-check validates a Compose file the way Docker Compose loads it: the compose-spec
// JSON schema, interpolation, and the model's own consistency checks. It needs no Docker engine.
// It then holds the shipped file to its secure defaults (policy.go): stores unpublished and
// authenticated, EventStoreDB over TLS, ports on the loopback only, and every variable given
// on the command line (the secrets) required. Override files given after the first are loaded
// on top of it and may publish stores, on the loopback only.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

func main() {
	files, env := splitArguments(os.Args[1:])
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-check <compose file> [override file ...] [KEY=VALUE ...]")
		os.Exit(2)
	}
	shipped, err := load(files[:1], env)
	if err != nil {
		fail(err)
	}
	problems := secureDefaults(shipped)
	problems = append(problems, requiredVariables(files[:1], env)...)
	if len(files) > 1 {
		merged, err := load(files, env)
		if err != nil {
			fail(err)
		}
		for _, problem := range publishedOnLoopbackOnly(merged) {
			problems = append(problems, fmt.Sprintf("with %s: %s", strings.Join(files[1:], ", "), problem))
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "%s breaks its secure defaults:\n  - %s\n", files[0], strings.Join(problems, "\n  - "))
		os.Exit(1)
	}
	fmt.Printf("%s is valid: %d services (%v), %d volumes\n", strings.Join(files, " + "), len(shipped.Services), shipped.ServiceNames(), len(shipped.Volumes))
}

// splitArguments separates the compose files from the KEY=VALUE variables.
func splitArguments(arguments []string) (files []string, env []string) {
	for _, argument := range arguments {
		if strings.Contains(argument, "=") {
			env = append(env, argument)
		} else {
			files = append(files, argument)
		}
	}
	return files, env
}

func load(files []string, env []string) (*types.Project, error) {
	paths := make([]string, len(files))
	for i, file := range files {
		path, err := filepath.Abs(file)
		if err != nil {
			return nil, err
		}
		paths[i] = path
	}
	options, err := cli.NewProjectOptions(
		paths,
		cli.WithWorkingDirectory(filepath.Dir(paths[0])),
		cli.WithEnv(env),
		cli.WithName("pat-service"),
	)
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "invalid compose file: %v\n", err)
	os.Exit(1)
}
