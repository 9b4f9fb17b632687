/**
 * Architecture rules (ArchUnit over the compiled classes): the module map of docs/DESIGN.md, checked.
 */
package dev.docent.architecture;
