/**
 * {@code pool state list | show ADDR | rm ADDR | mv OLD NEW | rekey}: read and edit the state
 * safely.
 */
package dev.poolform.cli.commands.state;
