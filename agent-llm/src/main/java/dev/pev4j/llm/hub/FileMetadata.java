package dev.pev4j.llm.hub;

import java.net.URI;

/**
 * What the hub's {@code HEAD .../resolve/...} says about a file.
 *
 * @param commit the commit the revision points at ({@code X-Repo-Commit})
 * @param etag the blob's id ({@code X-Linked-Etag} or {@code ETag}): the SHA-256 for LFS files, a git hash otherwise
 * @param size the size in bytes ({@code X-Linked-Size} or {@code Content-Length}), -1 when unknown
 * @param location where to download the bytes from (the redirect target, or the resolve URL itself)
 */
record FileMetadata(String commit, String etag, long size, URI location) {}
