/**
 * Archives a table's change stream to files and replays them. {@link
 * io.github.maxcdc.archive.TableArchive} is a {@link io.github.maxcdc.ChangeListener} that writes
 * each change, in the {@code stream} command's line format ({@link
 * io.github.maxcdc.archive.ChangeLineWriter}), to the gzip-compressed JSON Lines file of its UTC
 * commit day, laid out as {@link io.github.maxcdc.archive.ArchiveLayout} says; {@link
 * io.github.maxcdc.archive.ArchiveReplay} reads the closed files back, each checked whole first,
 * into any listener from a given position on. A file that cannot be read as written is an {@link
 * io.github.maxcdc.archive.ArchiveException}.
 */
package io.github.maxcdc.archive;
