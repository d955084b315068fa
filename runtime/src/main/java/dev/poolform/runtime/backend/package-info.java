/**
 * Where the state is kept and how runs that share it are kept apart: the {@link
 * dev.poolform.runtime.backend.StateBackend} SPI, the local file (the default) and git. Every
 * backend works on the local working file that {@link dev.poolform.runtime.state.StateStore}
 * persists each step to; a backend adds what sharing needs: bringing the newest shared state in
 * before a run, a lock other clones see, and publishing the working file at the end.
 */
package dev.poolform.runtime.backend;
