/** A fake MariaDB MaxScale CDC server for tests. */
package io.github.maxcdc.testkit;
