// Package wire encodes, decodes and signs Jupyter messages as they travel
// over ZeroMQ sockets (the "wire protocol" of the Jupyter messaging spec).
//
// A message on the wire is a sequence of frames:
//
//	[identities...] "<IDS|MSG>" signature header parent_header metadata content [buffers...]
//
// The signature is the hex HMAC-SHA256 of the four JSON frames, keyed by the
// connection file's key. An empty key disables signing.
package wire

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Delimiter separates routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// ProtocolVersion is the version of the Jupyter messaging protocol spoken.
const ProtocolVersion = "5.4"

// Header is a message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is a decoded Jupyter message.
type Message struct {
	// Identities are the ZeroMQ routing prefixes; replies reuse them.
	Identities [][]byte
	Header     Header
	// RawHeader is the header exactly as received; replies echo it as
	// their parent_header.
	RawHeader json.RawMessage
	// ParentHeader is the raw parent header ("{}" when there is none).
	ParentHeader json.RawMessage
	Metadata     map[string]any
	Content      json.RawMessage
	Buffers      [][]byte
}

// Errors returned by Decode.
var (
	ErrNoDelimiter  = errors.New("wire: no <IDS|MSG> delimiter")
	ErrShort        = errors.New("wire: fewer than 5 frames after the delimiter")
	ErrBadSignature = errors.New("wire: bad signature")
)

// Signer computes and checks message signatures.
type Signer struct {
	key []byte
}

// NewSigner returns a Signer for the HMAC-SHA256 key. An empty key means
// messages are neither signed nor checked.
func NewSigner(key []byte) *Signer { return &Signer{key: key} }

// Sign returns the hex signature of the four JSON frames.
func (s *Signer) Sign(header, parent, metadata, content []byte) string {
	if len(s.key) == 0 {
		return ""
	}
	m := hmac.New(sha256.New, s.key)
	m.Write(header)
	m.Write(parent)
	m.Write(metadata)
	m.Write(content)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is the signature of the four frames. With an
// empty key every signature verifies.
func (s *Signer) Verify(sig, header, parent, metadata, content []byte) bool {
	if len(s.key) == 0 {
		return true
	}
	want := s.Sign(header, parent, metadata, content)
	return hmac.Equal([]byte(want), bytes.ToLower(sig))
}

// Decode parses and verifies the frames of one message.
func (s *Signer) Decode(frames [][]byte) (*Message, error) {
	i := 0
	for ; i < len(frames); i++ {
		if string(frames[i]) == Delimiter {
			break
		}
	}
	if i == len(frames) {
		return nil, ErrNoDelimiter
	}
	rest := frames[i+1:]
	if len(rest) < 5 {
		return nil, ErrShort
	}
	if !s.Verify(rest[0], rest[1], rest[2], rest[3], rest[4]) {
		return nil, ErrBadSignature
	}
	m := &Message{
		Identities:   frames[:i],
		RawHeader:    json.RawMessage(rest[1]),
		ParentHeader: json.RawMessage(rest[2]),
		Content:      json.RawMessage(rest[4]),
		Buffers:      rest[5:],
	}
	if err := json.Unmarshal(rest[1], &m.Header); err != nil {
		return nil, fmt.Errorf("wire: header: %w", err)
	}
	if m.Header.MsgType == "" {
		return nil, errors.New("wire: header has no msg_type")
	}
	if len(bytes.TrimSpace(rest[3])) > 0 {
		if err := json.Unmarshal(rest[3], &m.Metadata); err != nil {
			return nil, fmt.Errorf("wire: metadata: %w", err)
		}
	}
	if len(bytes.TrimSpace(m.Content)) == 0 {
		m.Content = json.RawMessage("{}")
	} else if !json.Valid(m.Content) {
		return nil, errors.New("wire: content is not valid JSON")
	}
	if len(bytes.TrimSpace(m.ParentHeader)) == 0 {
		m.ParentHeader = json.RawMessage("{}")
	}
	return m, nil
}

// Encode serialises and signs a message into frames.
func (s *Signer) Encode(m *Message) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("wire: header: %w", err)
	}
	parent := []byte(m.ParentHeader)
	if len(parent) == 0 {
		parent = []byte("{}")
	}
	meta := []byte("{}")
	if len(m.Metadata) > 0 {
		if meta, err = json.Marshal(m.Metadata); err != nil {
			return nil, fmt.Errorf("wire: metadata: %w", err)
		}
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = []byte("{}")
	}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(s.Sign(header, parent, meta, content)),
		header, parent, meta, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// NewHeader returns a fresh header for a message of the given type in the
// given session.
func NewHeader(msgType, session string) Header {
	return Header{
		MsgID:    NewID(),
		Session:  session,
		Username: "chanlab",
		Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// NewID returns a random UUID-4 string.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("wire: no randomness: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// Reply builds a message of type msgType that answers parent: same
// identities and session, parent's header as parent_header.
func Reply(parent *Message, msgType string, content any) (*Message, error) {
	c, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("wire: %s content: %w", msgType, err)
	}
	m := &Message{Header: NewHeader(msgType, parent.Header.Session), Content: c}
	m.Identities = parent.Identities
	m.ParentHeader = parent.RawHeader
	return m, nil
}
