package io.theatermsa.gateway;

import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The dashboard page and its assets, served from the classpath folder {@code dashboard/}; {@code /} serves
 * {@code index.html}. Webjars on the classpath (the echarts library) are served under {@code /webjars/}, from
 * {@code META-INF/resources/webjars}. Every asset is local: the page works in a classroom without internet access.
 */
final class Dashboard {

    static final String CLASSPATH_FOLDER = "dashboard";
    static final String WEBJARS_FOLDER = "META-INF/resources/webjars";

    private Dashboard() {
    }

    static HttpService service() {
        HttpService page = StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(CLASSPATH_FOLDER)
                .welcome("index.html")
                .build());
        HttpService webjars = StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(WEBJARS_FOLDER)
                .build());
        return rules -> rules.register("/webjars", webjars).register(page);
    }
}
