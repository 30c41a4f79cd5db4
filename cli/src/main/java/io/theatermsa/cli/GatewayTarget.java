package io.theatermsa.cli;

import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackClient;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which gateway a command talks to: the running local stack's (its URL and admin token from
 * {@code .theater/state.json}), or a cluster's with {@code --url} (a port-forward or the ingress), the admin token
 * then from {@code THEATER_ADMIN_TOKEN}, never from the command line, where {@code ps} would show it.
 */
final class GatewayTarget {

    static final String TOKEN_VARIABLE = "THEATER_ADMIN_TOKEN";

    @Option(names = "--url", paramLabel = "URL",
            description = "실제 클러스터의 게이트웨이 (예: kubectl port-forward 뒤 http://127.0.0.1:8080), 관리자 토큰은 "
                          + "THEATER_ADMIN_TOKEN / a cluster's gateway (e.g. http://127.0.0.1:8080 after a "
                          + "kubectl port-forward), admin token from THEATER_ADMIN_TOKEN; 없으면 로컬 스택 / default: "
                          + "the local stack")
    String url;

    /** The client, or empty after saying on {@code err} that no stack runs. */
    Optional<StackClient> client(Path home, Map<String, String> environment, PrintWriter err) {
        if (url != null) {
            return Optional.of(new StackClient(url.replaceAll("/+$", "") + "/",
                                               environment.getOrDefault(TOKEN_VARIABLE, "")));
        }
        Optional<RunState> running = RunState.running(home);
        if (running.isEmpty()) {
            err.println(StatusCommand.NOT_RUNNING_TEXT + "; 또는 / or --url");
            err.flush();
        }
        return running.map(StackClient::new);
    }
}
