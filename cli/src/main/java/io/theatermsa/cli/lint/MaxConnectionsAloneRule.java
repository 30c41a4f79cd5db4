package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.ConnectionPoolSettings;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.Text;

/**
 * A connection pool that limits only {@code tcp.maxConnections}: for HTTP/1.1 requests queue as pending requests
 * (default limit 2^32-1) rather than fail, so the circuit breaker rarely trips; {@code http1MaxPendingRequests} is
 * the usual trigger (istio/istio#37009, field-notes §2).
 */
final class MaxConnectionsAloneRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        input.merged().stream().flatMap(rule -> PolicySite.of(rule).stream()).forEach(site -> {
            ConnectionPoolSettings pool = site.written().connectionPool();
            if (pool == null || pool.tcp() == null || pool.tcp().maxConnections() == null
                    || pool.http() != null && pool.http().http1MaxPendingRequests() != null) {
                return;
            }
            out.add(Code.MAX_CONNECTIONS_ALONE, site.meta(), site.path() + ".connectionPool.tcp.maxConnections",
                    new Text("maxConnections 만 있고 http1MaxPendingRequests 가 없습니다",
                             "maxConnections is set without http1MaxPendingRequests"),
                    new Text("HTTP/1.1 요청은 연결이 모자라면 대기열에 쌓일 뿐이라 거의 차단되지 않습니다; http1MaxPendingRequests (와 maxRequestsPerConnection: 1) 가 보통의 트리거입니다",
                             "HTTP/1.1 requests over the connection limit just queue, so it rarely trips; http1MaxPendingRequests (with maxRequestsPerConnection: 1) is the usual trigger"));
        });
    }
}
