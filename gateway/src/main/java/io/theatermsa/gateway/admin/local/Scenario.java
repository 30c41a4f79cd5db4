package io.theatermsa.gateway.admin.local;

import io.theatermsa.mesh.config.LoadedConfig;

/** A configuration as read: where from (a path, or a description of an edit), and what was loaded. */
record Scenario(String source, LoadedConfig config) {
}
