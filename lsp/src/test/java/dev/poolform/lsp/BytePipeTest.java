package dev.poolform.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory pipe {@link LspSession} connects client and server with. */
class BytePipeTest {
  /** Writes {@code b} from a thread of its own and waits until that thread has ended. */
  private static void writeFromEndedThread(OutputStream out, int b) throws Exception {
    Thread t =
        new Thread(
            () -> {
              try {
                out.write(b);
                out.flush();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    t.start();
    t.join();
  }

  @Test
  void aReadOutlivesTheThreadThatWroteLast() throws Exception {
    BytePipe pipe = new BytePipe();
    writeFromEndedThread(pipe.out, 'a');
    assertThat(pipe.in.read()).isEqualTo('a');
    // Nothing buffered and the last writer gone: the read waits for the next write.
    CompletableFuture<Integer> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pipe.in.read();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    assertThat(next).isNotDone();
    pipe.out.write('b');
    assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo('b');
  }

  /** Why the sessions do not use java.io's pipe (the VariablesTest time-outs). */
  @Test
  void javaIoPipesRefuseThatRead() throws Exception {
    PipedInputStream in = new PipedInputStream();
    PipedOutputStream out = new PipedOutputStream(in);
    writeFromEndedThread(out, 'a');
    assertThat(in.read()).isEqualTo('a');
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("Write end dead");
  }

  @Test
  void closingTheWriterEndsTheReaderAfterWhatWasWritten() throws Exception {
    BytePipe pipe = new BytePipe();
    pipe.out.write(new byte[] {1, 2, 3}, 0, 3);
    pipe.out.close();
    byte[] buf = new byte[8];
    assertThat(pipe.in.available()).isEqualTo(3);
    assertThat(pipe.in.read(buf, 0, 2)).isEqualTo(2);
    assertThat(pipe.in.read(buf, 2, 6)).isEqualTo(1);
    assertThat(buf).startsWith(1, 2, 3);
    assertThat(pipe.in.read()).isEqualTo(-1);
    assertThatThrownBy(() -> pipe.out.write(4)).isInstanceOf(IOException.class);
  }

  @Test
  void anInterruptEndsABlockedRead() throws Exception {
    BytePipe pipe = new BytePipe();
    InputStream in = pipe.in;
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                in.read();
                failed.complete(null);
              } catch (IOException e) {
                failed.complete(e);
              }
            });
    reader.start();
    Thread.sleep(50);
    reader.interrupt();
    assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
  }

  @Test
  void closingTheReaderMakesWritesFail() throws Exception {
    BytePipe pipe = new BytePipe();
    pipe.out.write(1);
    pipe.in.close();
    assertThatThrownBy(() -> pipe.out.write(2)).isInstanceOf(IOException.class);
    assertThatThrownBy(pipe.in::read).isInstanceOf(IOException.class);
  }
}
