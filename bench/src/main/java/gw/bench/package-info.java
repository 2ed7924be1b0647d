/** Load tools run by hand from bench/ scripts; nothing here runs in ./gw test. */
package gw.bench;
