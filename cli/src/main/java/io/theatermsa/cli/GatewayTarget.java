package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackClient;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
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

    /** One exchange with the gateway, answering the exit code. */
    interface Call {
        int run(StackClient stack) throws IOException;
    }

    /** Runs {@code call} against the gateway; exit 2 for a bad {@code --url}, 3 when it cannot be reached. */
    int call(Path home, PrintWriter err, Call call) {
        StackClient stack;
        if (url != null) {
            Optional<URI> base = GatewayUrl.parse(url, err);
            if (base.isEmpty()) {
                return ExitCodes.USAGE;
            }
            stack = new StackClient(base.get().toString(), System.getenv().getOrDefault(TOKEN_VARIABLE, ""));
        } else {
            Optional<RunState> running = RunState.running(home);
            if (running.isEmpty()) {
                err.println(StatusCommand.NOT_RUNNING_TEXT + "; 또는 / or --url");
                err.flush();
                return ExitCodes.NO_STACK;
            }
            stack = new StackClient(running.get());
        }
        try {
            return call.run(stack);
        } catch (IOException e) {
            err.println("오류: 게이트웨이에 연결하지 못했습니다 / error: cannot reach the gateway at "
                        + stack.url() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.NO_STACK;
        }
    }

    /**
     * Says why the gateway refused (its message names every invalid field, so the {@code fields} list is not said
     * again); 2 for a bad request or an unknown service, else 1.
     */
    static int refused(StackClient.Reply reply, PrintWriter err) {
        JsonNode body = reply.body();
        err.println("오류 / error: HTTP " + reply.status() + " " + body.path("error").asText() + ": "
                    + body.path("message").asText());
        err.flush();
        return reply.status() == 400 || reply.status() == 404 ? ExitCodes.USAGE : ExitCodes.REFUSED;
    }
}
