-- Official document templates the office uploaded in place of the defaults (one per kind of document).
CREATE TABLE document_templates (
    kind varchar(30) NOT NULL,
    file_name varchar(200) NOT NULL,
    content bytea NOT NULL,
    sha256 varchar(64) NOT NULL,
    uploaded_by uuid NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_document_templates PRIMARY KEY (kind),
    CONSTRAINT fk_document_templates_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id) ON DELETE RESTRICT
);
