package dev.poolform.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * A one-way pipe in memory, as an operating system's pipe behaves: what {@link #out} writes, {@link
 * #in} reads in order, whichever threads do it; closing {@code out} ends {@code in} once it has
 * read everything; closing {@code in} makes writes fail.
 *
 * <p>Not {@link java.io.PipedInputStream}: it fails a read ("Write end dead") when nothing is
 * buffered and the thread that wrote last has ended. The server's analysis worker writes answers
 * and diagnostics and ends at {@code shutdown}, before the server answers {@code shutdown}; a
 * client read in between ended the client's listener, so the answer was never read and the test
 * timed out after 30 s (about one session in a hundred). Not {@link java.nio.channels.Pipe} either:
 * its streams are interruptible channels, and the worker is interrupted at {@code shutdown}, which
 * would close the pipe under the server.
 */
final class BytePipe {
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private int headRead;
  private boolean writerClosed;
  private boolean readerClosed;

  final InputStream in =
      new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return take(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return take(b, off, len);
        }

        @Override
        public int available() {
          return buffered();
        }

        @Override
        public void close() {
          closeReader();
        }
      };

  final OutputStream out =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          put(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          put(b, off, len);
        }

        @Override
        public void close() {
          closeWriter();
        }
      };

  private synchronized void put(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (writerClosed || readerClosed) throw new IOException("the pipe is closed");
    if (len == 0) return;
    chunks.add(Arrays.copyOfRange(b, off, off + len));
    notifyAll();
  }

  /** Blocks until something is buffered or the writer closed (-1); an interrupt ends the wait. */
  private synchronized int take(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) return 0;
    while (chunks.isEmpty()) {
      if (readerClosed) throw new IOException("the pipe is closed");
      if (writerClosed) return -1;
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the pipe");
      }
    }
    int n = 0;
    while (n < len && !chunks.isEmpty()) {
      byte[] head = chunks.peek();
      int k = Math.min(len - n, head.length - headRead);
      System.arraycopy(head, headRead, b, off + n, k);
      n += k;
      headRead += k;
      if (headRead == head.length) {
        chunks.poll();
        headRead = 0;
      }
    }
    return n;
  }

  private synchronized int buffered() {
    int n = -headRead;
    for (byte[] c : chunks) n += c.length;
    return Math.max(0, n);
  }

  private synchronized void closeWriter() {
    writerClosed = true;
    notifyAll();
  }

  private synchronized void closeReader() {
    readerClosed = true;
    chunks.clear();
    headRead = 0;
    notifyAll();
  }
}
