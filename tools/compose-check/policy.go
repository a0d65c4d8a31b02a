package main

import (
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
)

// EventStoreDB's and MongoDB's images: the stores, which must not be reachable from outside.
func storeKind(image string) string {
	repository := image
	if at := strings.LastIndex(repository, ":"); at > strings.LastIndex(repository, "/") {
		repository = repository[:at]
	}
	switch {
	case strings.Contains(repository, "eventstore/eventstore"), strings.Contains(repository, "kurrentdb"):
		return "eventstore"
	case repository == "mongo" || strings.HasSuffix(repository, "/mongo"):
		return "mongo"
	}
	return ""
}

// secureDefaults lists how the shipped file departs from what its header promises.
func secureDefaults(project *types.Project) []string {
	var problems []string
	privileged := privilegedUsers(project)
	for _, name := range sortedNames(project) {
		service := project.Services[name]
		report := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%s: %s", name, fmt.Sprintf(format, args...)))
		}
		env := func(key string) string {
			if value := service.Environment[key]; value != nil {
				return *value
			}
			return ""
		}
		kind := storeKind(service.Image)
		if kind != "" && len(service.Ports) > 0 {
			report("publishes a port; a store publishes none by default (maintenance access belongs in an override file)")
		}
		for _, problem := range loopbackProblems(service) {
			report("%s", problem)
		}
		if strings.EqualFold(env("EVENTSTORE_INSECURE"), "true") {
			report("EVENTSTORE_INSECURE turns off TLS, authentication and ACLs")
		}
		switch kind {
		case "eventstore":
			for _, key := range []string{"EVENTSTORE_DEFAULT_ADMIN_PASSWORD", "EVENTSTORE_DEFAULT_OPS_PASSWORD"} {
				if value := env(key); value == "" || value == "changeit" {
					report("%s must be set, and not to EventStoreDB's default", key)
				}
			}
		case "mongo":
			if env("MONGO_INITDB_ROOT_USERNAME") == "" || env("MONGO_INITDB_ROOT_PASSWORD") == "" {
				report("MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD must be set: they turn authentication on")
			}
		}
		if raw := env("EVENTSTORE_URL"); raw != "" {
			for _, problem := range connectionProblems(raw, "esdb", privileged) {
				report("EVENTSTORE_URL %s", problem)
			}
		}
		if raw := env("MONGO_URL"); raw != "" {
			for _, problem := range connectionProblems(raw, "mongodb", privileged) {
				report("MONGO_URL %s", problem)
			}
		}
	}
	return problems
}

// privilegedUsers are the stores' administrators, whom no app should connect as: EventStoreDB's
// `admin` and `ops`, and MongoDB's root user.
func privilegedUsers(project *types.Project) map[string]bool {
	users := map[string]bool{"admin": true, "ops": true}
	for _, service := range project.Services {
		if root := service.Environment["MONGO_INITDB_ROOT_USERNAME"]; storeKind(service.Image) == "mongo" && root != nil {
			users[*root] = true
		}
	}
	return users
}

func connectionProblems(raw string, scheme string, privileged map[string]bool) []string {
	parsed, err := url.Parse(raw)
	if err != nil {
		return []string{fmt.Sprintf("is not a URL: %v", err)}
	}
	var problems []string
	if _, hasPassword := parsed.User.Password(); parsed.User == nil || parsed.User.Username() == "" || !hasPassword {
		problems = append(problems, "names no user and password")
	} else if privileged[parsed.User.Username()] {
		problems = append(problems, fmt.Sprintf("connects as %q, an administrator of the store: give the apps a user of their own", parsed.User.Username()))
	}
	if scheme == "esdb" {
		query := parsed.Query()
		if strings.EqualFold(query.Get("tls"), "false") {
			problems = append(problems, "has tls=false")
		}
		if query.Get("tlsCAFile") == "" {
			problems = append(problems, "names no tlsCAFile (the CA that signed the node's certificate)")
		}
	}
	return problems
}

// publishedOnLoopbackOnly holds every service, stores included, to ports on this host only.
func publishedOnLoopbackOnly(project *types.Project) []string {
	var problems []string
	for _, name := range sortedNames(project) {
		for _, problem := range loopbackProblems(project.Services[name]) {
			problems = append(problems, fmt.Sprintf("%s: %s", name, problem))
		}
	}
	return problems
}

func loopbackProblems(service types.ServiceConfig) []string {
	var problems []string
	for _, port := range service.Ports {
		if ip := net.ParseIP(port.HostIP); ip == nil || !ip.IsLoopback() {
			where := "every interface"
			if port.HostIP != "" {
				where = port.HostIP
			}
			problems = append(problems, fmt.Sprintf("port %d is published on %s, not only on the loopback", port.Target, where))
		}
	}
	return problems
}

// requiredVariables checks that the file cannot be loaded without any of the given variables.
func requiredVariables(files []string, env []string) []string {
	var problems []string
	for i, variable := range env {
		key := variable[:strings.Index(variable, "=")]
		others := append(append([]string{}, env[:i]...), env[i+1:]...)
		if _, err := load(files, others); err == nil {
			problems = append(problems, fmt.Sprintf("%s is not required: without it the file still loads (use ${%s:?message})", key, key))
		}
	}
	return problems
}

func sortedNames(project *types.Project) []string {
	names := make([]string, 0, len(project.Services))
	for name := range project.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
